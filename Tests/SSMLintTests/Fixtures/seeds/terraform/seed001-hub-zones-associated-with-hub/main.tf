# Seed 001 (hub-and-spoke: a User VPC uses the Shared VPC's Systems Manager endpoints over
# VPC peering, with Route 53 private hosted zones) as a Terraform plan.
# Mutation: the zones are associated with the Shared VPC too, whose endpoints keep private DNS on.

# ------------------------------------------------------------------ Shared (hub) VPC

resource "aws_vpc" "shared" {
  cidr_block           = "172.16.0.0/16"
  enable_dns_hostnames = true

  tags = { Name = "Shared-VPC" }
}

resource "aws_subnet" "shared_a" {
  vpc_id            = aws_vpc.shared.id
  cidr_block        = "172.16.100.0/24"
  availability_zone = "ap-northeast-1a"

  tags = { Name = "Shared-VPC-Subnet-A" }
}

resource "aws_subnet" "shared_c" {
  vpc_id            = aws_vpc.shared.id
  cidr_block        = "172.16.200.0/24"
  availability_zone = "ap-northeast-1c"

  tags = { Name = "Shared-VPC-Subnet-C" }
}

# The post adds the peering routes to the main route tables; explicit tables say the same
# and keep the CloudFormation and Terraform versions alike.
resource "aws_route_table" "shared" {
  vpc_id = aws_vpc.shared.id
}

resource "aws_route_table_association" "shared_a" {
  subnet_id      = aws_subnet.shared_a.id
  route_table_id = aws_route_table.shared.id
}

resource "aws_route_table_association" "shared_c" {
  subnet_id      = aws_subnet.shared_c.id
  route_table_id = aws_route_table.shared.id
}

resource "aws_route" "shared_to_user" {
  route_table_id            = aws_route_table.shared.id
  destination_cidr_block    = "192.168.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.shared_user.id
}

# Security groups created with the CLI keep AWS's allow-all egress; Terraform removes it
# unless it is declared.
resource "aws_security_group" "shared_ec2" {
  name        = "Shared-VPC-SG-EC2"
  description = "EC2 security group"
  vpc_id      = aws_vpc.shared.id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "shared_vpce" {
  name        = "Shared-VPC-SG-VPCE"
  description = "VPC Endpoint security group"
  vpc_id      = aws_vpc.shared.id
}

resource "aws_vpc_security_group_ingress_rule" "vpce_from_shared" {
  security_group_id = aws_security_group.shared_vpce.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "172.16.0.0/16"
}

resource "aws_vpc_security_group_ingress_rule" "vpce_from_user" {
  security_group_id = aws_security_group.shared_vpce.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "192.168.0.0/16"
}

# The CLI turns private DNS on by default; Terraform does not, so it is written out.
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.shared.id
  service_name        = "com.amazonaws.ap-northeast-1.ssm"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.shared_a.id, aws_subnet.shared_c.id]
  security_group_ids  = [aws_security_group.shared_vpce.id]

  tags = { Name = "Shared-VPC-VPCE-ssm" }
}

# The CLI turns private DNS on by default; Terraform does not, so it is written out.
resource "aws_vpc_endpoint" "ssmmessages" {
  vpc_id              = aws_vpc.shared.id
  service_name        = "com.amazonaws.ap-northeast-1.ssmmessages"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.shared_a.id, aws_subnet.shared_c.id]
  security_group_ids  = [aws_security_group.shared_vpce.id]

  tags = { Name = "Shared-VPC-VPCE-ssmmessages" }
}

# The CLI turns private DNS on by default; Terraform does not, so it is written out.
resource "aws_vpc_endpoint" "ec2messages" {
  vpc_id              = aws_vpc.shared.id
  service_name        = "com.amazonaws.ap-northeast-1.ec2messages"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.shared_a.id, aws_subnet.shared_c.id]
  security_group_ids  = [aws_security_group.shared_vpce.id]

  tags = { Name = "Shared-VPC-VPCE-ec2messages" }
}

resource "aws_instance" "shared" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t2.micro"
  subnet_id              = aws_subnet.shared_a.id
  vpc_security_group_ids = [aws_security_group.shared_ec2.id]
  iam_instance_profile   = aws_iam_instance_profile.ssm_instance.name

  tags = { Name = "Shared-VPC-EC2-Sub-A" }
}

# ------------------------------------------------------------------ User (spoke) VPC

resource "aws_vpc" "user" {
  cidr_block           = "192.168.0.0/16"
  enable_dns_hostnames = true

  tags = { Name = "User-VPC" }
}

resource "aws_subnet" "user_a" {
  vpc_id            = aws_vpc.user.id
  cidr_block        = "192.168.100.0/24"
  availability_zone = "ap-northeast-1a"

  tags = { Name = "User-VPC-Subnet-A" }
}

resource "aws_route_table" "user" {
  vpc_id = aws_vpc.user.id
}

resource "aws_route_table_association" "user_a" {
  subnet_id      = aws_subnet.user_a.id
  route_table_id = aws_route_table.user.id
}

resource "aws_route" "user_to_shared" {
  route_table_id            = aws_route_table.user.id
  destination_cidr_block    = "172.16.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.shared_user.id
}

resource "aws_security_group" "user_ec2" {
  name        = "User-VPC-SG-EC2"
  description = "EC2 security group"
  vpc_id      = aws_vpc.user.id

  ingress {
    description = "SSH from the Shared VPC"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["172.16.0.0/16"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "user" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t2.micro"
  subnet_id              = aws_subnet.user_a.id
  vpc_security_group_ids = [aws_security_group.user_ec2.id]
  iam_instance_profile   = aws_iam_instance_profile.ssm_instance.name

  tags = { Name = "User-VPC-EC2-Sub-A" }
}

# ------------------------------------------------------------------ Peering

resource "aws_vpc_peering_connection" "shared_user" {
  vpc_id      = aws_vpc.shared.id
  peer_vpc_id = aws_vpc.user.id
  auto_accept = true

  tags = { Name = "SharedVPC-UserVPC" }
}

# ------------------------------------------------------------------ Private hosted zones

resource "aws_route53_zone" "ssm" {
  name    = "ssm.ap-northeast-1.amazonaws.com"
  comment = "ssm endpoint."

  vpc {
    vpc_id = aws_vpc.user.id
  }

  vpc {
    vpc_id = aws_vpc.shared.id
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
  name    = "ssmmessages.ap-northeast-1.amazonaws.com"
  comment = "ssmmessages endpoint."

  vpc {
    vpc_id = aws_vpc.user.id
  }

  vpc {
    vpc_id = aws_vpc.shared.id
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
  name    = "ec2messages.ap-northeast-1.amazonaws.com"
  comment = "ec2messages endpoint."

  vpc {
    vpc_id = aws_vpc.user.id
  }

  vpc {
    vpc_id = aws_vpc.shared.id
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
