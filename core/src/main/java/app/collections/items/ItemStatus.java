package app.collections.items;

/** Where an item is in its life: uploaded, being analysed, searchable, or failed with a reason. */
public enum ItemStatus {
  PENDING,
  ANALYZING,
  READY,
  FAILED
}
