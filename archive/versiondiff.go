package archive

// DiffFields lists the top-level fields whose values differ between two
// record documents, leaving out those that never make a version (the URL
// shape, raw texts, warnings): the rule every catalog backend applies.
func DiffFields(prev, next []byte) ([]string, error) { return diffFields(prev, next) }
