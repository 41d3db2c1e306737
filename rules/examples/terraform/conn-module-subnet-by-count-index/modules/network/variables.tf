variable "name" {
  description = "Name prefix"
  type        = string
}

variable "cidr_block" {
  description = "VPC CIDR block"
  type        = string
}

variable "azs" {
  description = "Availability Zones, one private subnet each"
  type        = list(string)
}
