package app.collections.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * PostgreSQL with pgvector (an RDS extension; the first migration creates it). The smallest
 * instance that runs it comfortably, single-AZ: a failover replica would double the bill, and a
 * restore from the nightly snapshot is the recovery plan. The master credentials are generated
 * into Secrets Manager and never appear in the template.
 */
final class Database extends Construct {
  static final String NAME = "collections";
  static final int PORT = 5432;

  private final DatabaseInstance instance;
  private final SecurityGroup securityGroup;

  Database(Construct scope, String id, Network network) {
    super(scope, id);
    this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
        .vpc(network.vpc())
        .description("PostgreSQL: the functions only")
        .allowAllOutbound(false)
        .build();
    this.instance = DatabaseInstance.Builder.create(this, "Postgres")
        .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
            .version(PostgresEngineVersion.VER_16).build()))
        .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO))
        .vpc(network.vpc())
        .vpcSubnets(network.dataSubnets())
        .securityGroups(List.of(securityGroup))
        .port(PORT)
        .databaseName(NAME)
        .credentials(Credentials.fromGeneratedSecret(NAME))
        .allocatedStorage(20)
        .storageType(StorageType.GP3)
        .storageEncrypted(true)
        .multiAz(false)
        .publiclyAccessible(false)
        .backupRetention(Duration.days(7))
        .deletionProtection(true)
        .removalPolicy(RemovalPolicy.SNAPSHOT)
        .build();
  }

  /** Lets the functions connect on the PostgreSQL port; nothing else gets in. */
  void allowFrom(IConnectable functions) {
    instance.getConnections().allowFrom(functions, Port.tcp(PORT), "PostgreSQL from the functions");
  }

  DatabaseInstance instance() {
    return instance;
  }

  ISecret secret() {
    return instance.getSecret();
  }

  String host() {
    return instance.getDbInstanceEndpointAddress();
  }
}
