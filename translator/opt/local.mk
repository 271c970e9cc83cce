# translator/opt/: (being written)
