# The Amazon-provided resolver is off (hostnames on) while an ec2messages interface endpoint,
# literal service name, asks for private DNS. SSM001 is an error even though ec2messages itself
# is optional for current agents.

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = false
  enable_dns_hostnames = true

  tags = { Name = "app" }
}

resource "aws_vpc_endpoint" "ec2messages" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.ap-northeast-1.ec2messages"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  private_dns_enabled = true

  tags = { Name = "app-ec2messages" }
}
