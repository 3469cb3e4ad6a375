print("wfl-bench: not built yet")
