terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

# Offline fixture: fake credentials, no AWS API call during `terraform plan`.
provider "aws" {
  region     = "ap-northeast-1"
  access_key = "AKIAFIXTUREFAKEKEY00"
  secret_key = "fixture-fake-secret-key-not-a-real-credential"

  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
