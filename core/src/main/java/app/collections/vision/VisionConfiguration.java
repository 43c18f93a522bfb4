package app.collections.vision;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * Which vision providers exist. One with an API key is available; the default is Claude when its
 * key is set, else GPT-4o, else the offline analyser.
 */
public class VisionConfiguration {
  static final String ANTHROPIC_MODEL = "claude-sonnet-4-5";
  static final String ANTHROPIC_URL = "https://api.anthropic.com/v1/";
  static final String OPENAI_MODEL = "gpt-4o";
  static final String OPENAI_URL = "https://api.openai.com/v1";

  @Valid @NotNull private Provider anthropic = new Provider();
  @Valid @NotNull private Provider openai = new Provider();
  /** Overrides the default choice: anthropic, openai or local. */
  private VisionProvider defaultProvider;
  @NotNull private Duration timeout = Duration.seconds(90);
  /** Where Tesseract's language data is (Debian: tesseract-ocr-eng). */
  @NotEmpty private String tessdata = "/usr/share/tesseract-ocr/5/tessdata";
  /**
   * The scripts the offline analyser reads, as Tesseract takes them ("eng+jpn+kor"); those not
   * installed are skipped (scripts/setup-ocr.sh installs eng, jpn and kor). English alone measured
   * better from pixels (HYBRID MRR 0.698 against 0.661 with jpn+kor; OCR 1.5 s against 6.2 s;
   * docs/search-quality.md): mixed-script recognition misreads English words as CJK.
   */
  @NotEmpty private String ocrLanguages = "eng";
  /** Development only: a folder keeping Tesseract's output by image hash, to iterate on what follows it. */
  private String ocrCacheDir;

  /** A provider's key, model and endpoint; unset model and endpoint mean the provider's defaults. */
  public static class Provider {
    private String apiKey;
    private String model;
    private String baseUrl;

    public boolean configured() {
      return apiKey != null && !apiKey.isBlank();
    }

    String modelOr(String fallback) {
      return model == null || model.isBlank() ? fallback : model;
    }

    String baseUrlOr(String fallback) {
      return baseUrl == null || baseUrl.isBlank() ? fallback : baseUrl;
    }

    @JsonProperty public String getApiKey() { return apiKey; }
    @JsonProperty public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    @JsonProperty public String getModel() { return model; }
    @JsonProperty public void setModel(String model) { this.model = model; }
    @JsonProperty public String getBaseUrl() { return baseUrl; }
    @JsonProperty public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
  }

  @JsonProperty public Provider getAnthropic() { return anthropic; }
  @JsonProperty public void setAnthropic(Provider anthropic) { this.anthropic = anthropic; }
  @JsonProperty public Provider getOpenai() { return openai; }
  @JsonProperty public void setOpenai(Provider openai) { this.openai = openai; }
  @JsonProperty public VisionProvider getDefaultProvider() { return defaultProvider; }
  @JsonProperty public void setDefaultProvider(VisionProvider v) { this.defaultProvider = v; }
  @JsonProperty public Duration getTimeout() { return timeout; }
  @JsonProperty public void setTimeout(Duration timeout) { this.timeout = timeout; }
  @JsonProperty public String getOcrLanguages() { return ocrLanguages; }
  @JsonProperty public void setOcrLanguages(String ocrLanguages) { this.ocrLanguages = ocrLanguages; }
  @JsonProperty public String getOcrCacheDir() { return ocrCacheDir; }
  @JsonProperty public void setOcrCacheDir(String ocrCacheDir) { this.ocrCacheDir = ocrCacheDir; }
  @JsonProperty public String getTessdata() { return tessdata; }
  @JsonProperty public void setTessdata(String tessdata) { this.tessdata = tessdata; }
}
