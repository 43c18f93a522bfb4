package app.collections.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.CpuCredits;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.NatInstanceProps;
import software.amazon.awscdk.services.ec2.NatInstanceProviderV2;
import software.amazon.awscdk.services.ec2.NatProvider;
import software.amazon.awscdk.services.ec2.NatTrafficDirection;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * Two AZs: public subnets for the NAT instance, private subnets with egress for the functions
 * (they call Anthropic, OpenAI, Cognito's JWKS, SQS and Secrets Manager), isolated subnets for RDS.
 * One t4g.nano NAT instance (~$3/month) instead of a NAT gateway ($32/month plus data): if it
 * stops, the functions lose the internet (not the database or S3/DynamoDB, which go through the
 * free gateway endpoints) until EC2 replaces it, which this budget accepts.
 */
final class Network extends Construct {
  private final Vpc vpc;

  Network(Construct scope, String id) {
    super(scope, id);
    NatInstanceProviderV2 nat = NatProvider.instanceV2(NatInstanceProps.builder()
        .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.NANO))
        // Standard credits: a busy month throttles the instance instead of billing surplus credits.
        .creditSpecification(CpuCredits.STANDARD)
        // The default opens the instance to inbound traffic from anywhere; only the VPC needs it.
        .defaultAllowedTraffic(NatTrafficDirection.OUTBOUND_ONLY)
        .build());
    this.vpc = Vpc.Builder.create(this, "Vpc")
        .maxAzs(2)
        .natGatewayProvider(nat)
        .natGateways(1)
        .subnetConfiguration(List.of(
            SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
            SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(22).build(),
            SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
        .gatewayEndpoints(Map.of(
            "S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build(),
            "DynamoDb", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.DYNAMODB).build()))
        .build();
    nat.getSecurityGroup().addIngressRule(Peer.ipv4(vpc.getVpcCidrBlock()), Port.allTraffic(),
        "NAT for the VPC's private subnets");
  }

  Vpc vpc() {
    return vpc;
  }

  SubnetSelection appSubnets() {
    return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
  }

  SubnetSelection dataSubnets() {
    return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
  }
}
