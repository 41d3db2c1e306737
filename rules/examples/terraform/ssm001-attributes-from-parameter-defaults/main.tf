# enable_dns_hostnames comes from a variable whose default is "false" (the counterpart of a
# CloudFormation parameter Default); the ssm endpoint asks for private DNS.

variable "hostnames" {
  description = "Value for enable_dns_hostnames"
  type        = string
  default     = "false"

  validation {
    condition     = contains(["true", "false"], var.hostnames)
    error_message = "The hostnames value must be \"true\" or \"false\"."
  }
}

data "aws_region" "current" {}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = var.hostnames

  tags = { Name = "app" }
}

resource "aws_vpc_endpoint" "endpoint" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  private_dns_enabled = true

  tags = { Name = "app-ssm" }
}
