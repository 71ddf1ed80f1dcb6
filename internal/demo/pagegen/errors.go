package pagegen

import "errors"

var (
	// ErrEmpty means the record text holds no non-blank line.
	ErrEmpty = errors.New("pagegen: empty record text")
	// ErrBadURL means line 1 is not a scheda-processo page URL.
	ErrBadURL = errors.New("pagegen: bad page URL")
	// ErrFormat means the record text does not follow the record format.
	ErrFormat = errors.New("pagegen: malformed record text")
	// ErrUnknownLayout means Render was asked for a layout not in Layouts.
	ErrUnknownLayout = errors.New("pagegen: unknown layout")
)
