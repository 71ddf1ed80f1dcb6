package wayback

import (
	"errors"
	"fmt"
)

// ErrNoSnapshot is wrapped by Latest's error when the Wayback Machine has
// no available copy of the target.
var ErrNoSnapshot = errors.New("no wayback snapshot")

// ErrMalformed is wrapped by Latest's error when the answer is not the
// availability API's JSON (or is larger than 1 MiB).
var ErrMalformed = errors.New("malformed wayback answer")

// StatusError is Latest's error when the availability API answers with a
// status other than 200 OK: a 429 or a 5xx is worth asking again later.
type StatusError struct {
	Target     string // the URL asked about
	StatusCode int
	Status     string // e.g. "503 Service Unavailable"
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("wayback %s: the availability API answered %s", e.Target, e.Status)
}
