package export

import "archivio/parsers/schema"

// fields is the record schema (archivio/parsers/schema), in the order of
// the field contract: its labels, descriptions, types and vocabularies
// make the columns, the codebook and the data package.
var fields = schema.Fields()
