# enable_dns_hostnames comes from a Parameter Store value that is read only during apply (the
# data source waits for terraform_data.network_inputs, created by this plan), so the plan does
# not know it - the counterpart of a CloudFormation parameter without a default. Unknown stays
# silent.

resource "terraform_data" "network_inputs" {}

data "aws_ssm_parameter" "hostnames" {
  name = "/network/app/enable-dns-hostnames"

  depends_on = [terraform_data.network_inputs]
}

data "aws_region" "current" {}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = tobool(data.aws_ssm_parameter.hostnames.insecure_value)

  tags = { Name = "app" }
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  private_dns_enabled = true

  tags = { Name = "app-ssm" }
}
