# Closest HCL idiom of the CloudFormation JSON template with long-form intrinsics: the port
# comes from a variable default and the CIDR is assembled with join(). The configuration
# shows only references for the CIDR; the planned values hold "0.0.0.0/0".
variable "port" {
  type    = number
  default = 22
}

resource "aws_security_group" "json_group" {
  name        = "json"
  description = "json"

  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = [join("", ["0.0.0.0", "/0"])]
  }
}
