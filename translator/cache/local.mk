# translator/cache/: (being written)
