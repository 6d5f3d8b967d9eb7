"""The fact base: the data package's paths, schema, validation and loading; the report's
text; numerals and intervals."""
