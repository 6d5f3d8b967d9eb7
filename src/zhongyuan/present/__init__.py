"""What the notebooks call: the house style, charts, tables, the words of both editions,
narration, the register's notes, navigation."""
