# Spoke VPC that borrows a hub's ssm endpoint through a private hosted zone for the
# service name, but never enabled DNS hostnames (default false).
resource "aws_vpc" "spoke" {
  cidr_block = "172.16.0.0/16"

  tags = { Name = "spoke" }
}

resource "aws_route53_zone" "ssm" {
  name    = "ssm.ap-northeast-1.amazonaws.com"
  comment = "Serves the hub VPC's ssm interface endpoint to the spoke"

  vpc {
    vpc_id     = aws_vpc.spoke.id
    vpc_region = "ap-northeast-1"
  }
}

resource "aws_route53_record" "ssm" {
  zone_id = aws_route53_zone.ssm.zone_id
  name    = "ssm.ap-northeast-1.amazonaws.com"
  type    = "A"

  alias {
    name                   = "vpce-0123456789abcdef0-abcdefgh.ssm.ap-northeast-1.vpce.amazonaws.com"
    zone_id                = "Z2E726K9Y6RGA9"
    evaluate_target_health = false
  }
}
