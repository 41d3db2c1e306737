ssh_port = 22
