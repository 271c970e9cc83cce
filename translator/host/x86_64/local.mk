# translator/host/x86_64/: (being written)
