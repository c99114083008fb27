print("lindring")
