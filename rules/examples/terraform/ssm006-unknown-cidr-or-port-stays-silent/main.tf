# Values unknown at plan time keep SSM006 silent: the source CIDR is the public IP of an
# Elastic IP created in the same plan, and the port is the (unset, provider-chosen) port of
# a database created in the same plan. (CloudFormation's Fn::ImportValue has no plan-time
# unknown counterpart: remote state and data sources are read during planning.)
resource "aws_eip" "office" {
  domain = "vpc"

  tags = { Name = "office" }
}

resource "aws_security_group" "unknown_cidr" {
  name        = "unknown-cidr"
  description = "unknown cidr"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["${aws_eip.office.public_ip}/32"]
  }
}

resource "aws_db_instance" "tunnel" {
  identifier          = "tunnel"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "admin_user"
  skip_final_snapshot = true

  manage_master_user_password = true
}

resource "aws_security_group" "unknown_port" {
  name        = "unknown-port"
  description = "unknown port"

  ingress {
    from_port   = aws_db_instance.tunnel.port
    to_port     = aws_db_instance.tunnel.port
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
