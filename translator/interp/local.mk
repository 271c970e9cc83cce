# translator/interp/: (being written)
