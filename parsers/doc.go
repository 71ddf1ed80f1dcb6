// Package parsers turns archived pages into typed records.
//
// Parsers are pure functions: they read bytes and a URL and return a record,
// the warnings met on the way, or an error. They never touch the network, a
// database, a logger or the clock, so any archived capture can be parsed again
// later with the same result.
//
// The record parser does not depend on one page layout. It linearizes the
// visible text of a page into blocks, recognizes the Italian field labels of
// the observatory by their normalized text (see labels.go), and reads each
// value up to the next label or section heading, whatever elements carry
// them: dl/dt/dd, tables, div pairs, headings with paragraphs or inline
// "Label: value" text. Hidden elements, help tooltips, navigation, footers and
// the per-field configuration strings the real site leaks never reach a value.
package parsers
