// keeps the library non-empty while the fake grows
