ssh_port = 2222
