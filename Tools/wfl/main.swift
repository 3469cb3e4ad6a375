print("wfl")
