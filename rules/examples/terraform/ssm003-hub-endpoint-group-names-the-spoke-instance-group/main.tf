
# ------------------------------------------------------------------ hub VPC with the shared endpoints

resource "aws_vpc" "hub" {
  cidr_block           = "10.1.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "hub_a" {
  vpc_id            = aws_vpc.hub.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "ap-northeast-1a"
}

resource "aws_subnet" "hub_c" {
  vpc_id            = aws_vpc.hub.id
  cidr_block        = "10.1.2.0/24"
  availability_zone = "ap-northeast-1c"
}

resource "aws_route_table" "hub" {
  vpc_id = aws_vpc.hub.id
}

resource "aws_route_table_association" "hub_a" {
  subnet_id      = aws_subnet.hub_a.id
  route_table_id = aws_route_table.hub.id
}

resource "aws_route_table_association" "hub_c" {
  subnet_id      = aws_subnet.hub_c.id
  route_table_id = aws_route_table.hub.id
}

resource "aws_route" "hub_to_spoke" {
  route_table_id            = aws_route_table.hub.id
  destination_cidr_block    = "10.0.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.spoke_hub.id
}

resource "aws_security_group" "endpoints" {
  name        = "shared-endpoints"
  description = "HTTPS to the shared endpoints"
  vpc_id      = aws_vpc.hub.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    security_groups = [aws_security_group.app.id]
  }
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.ap-northeast-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.hub_a.id, aws_subnet.hub_c.id]
  security_group_ids  = [aws_security_group.endpoints.id]
}

resource "aws_vpc_endpoint" "ssmmessages" {
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.ap-northeast-1.ssmmessages"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.hub_a.id, aws_subnet.hub_c.id]
  security_group_ids  = [aws_security_group.endpoints.id]
}

resource "aws_vpc_endpoint" "ec2messages" {
  vpc_id              = aws_vpc.hub.id
  service_name        = "com.amazonaws.ap-northeast-1.ec2messages"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.hub_a.id, aws_subnet.hub_c.id]
  security_group_ids  = [aws_security_group.endpoints.id]
}

# ------------------------------------------------------------------ spoke VPC

resource "aws_vpc" "spoke" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "spoke" {
  vpc_id            = aws_vpc.spoke.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "ap-northeast-1a"
}

resource "aws_route_table" "spoke" {
  vpc_id = aws_vpc.spoke.id
}

resource "aws_route_table_association" "spoke" {
  subnet_id      = aws_subnet.spoke.id
  route_table_id = aws_route_table.spoke.id
}

resource "aws_route" "spoke_to_hub" {
  route_table_id            = aws_route_table.spoke.id
  destination_cidr_block    = "10.1.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.spoke_hub.id
}

resource "aws_vpc_peering_connection" "spoke_hub" {
  vpc_id      = aws_vpc.spoke.id
  peer_vpc_id = aws_vpc.hub.id
  auto_accept = true
}

resource "aws_route53_zone" "ssm" {
  name = "ssm.ap-northeast-1.amazonaws.com"

  vpc {
    vpc_id = aws_vpc.spoke.id
  }
}

resource "aws_route53_record" "ssm" {
  zone_id = aws_route53_zone.ssm.zone_id
  name    = "ssm.ap-northeast-1.amazonaws.com"
  type    = "A"

  alias {
    name                   = aws_vpc_endpoint.ssm.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.ssm.dns_entry[0].hosted_zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_zone" "ssmmessages" {
  name = "ssmmessages.ap-northeast-1.amazonaws.com"

  vpc {
    vpc_id = aws_vpc.spoke.id
  }
}

resource "aws_route53_record" "ssmmessages" {
  zone_id = aws_route53_zone.ssmmessages.zone_id
  name    = "ssmmessages.ap-northeast-1.amazonaws.com"
  type    = "A"

  alias {
    name                   = aws_vpc_endpoint.ssmmessages.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.ssmmessages.dns_entry[0].hosted_zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_zone" "ec2messages" {
  name = "ec2messages.ap-northeast-1.amazonaws.com"

  vpc {
    vpc_id = aws_vpc.spoke.id
  }
}

resource "aws_route53_record" "ec2messages" {
  zone_id = aws_route53_zone.ec2messages.zone_id
  name    = "ec2messages.ap-northeast-1.amazonaws.com"
  type    = "A"

  alias {
    name                   = aws_vpc_endpoint.ec2messages.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.ec2messages.dns_entry[0].hosted_zone_id
    evaluate_target_health = true
  }
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Instances"
  vpc_id      = aws_vpc.spoke.id

  egress {
    description = "HTTPS out"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.spoke.id
  vpc_security_group_ids = [aws_security_group.app.id]
  iam_instance_profile   = aws_iam_instance_profile.ssm_instance.name

  metadata_options {
    http_tokens = "required"
  }
}
