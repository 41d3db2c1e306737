variable "create_vpc" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "secondary_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "azs" {
  type = list(string)
}

variable "private_subnets" {
  type = list(string)
}
