package alerts

import (
	"errors"
	"fmt"
	"net/http"
)

var (
	// ErrInvalidOptions means a sink's options failed validation. The
	// detail comes as one *FieldError per offending field.
	ErrInvalidOptions = errors.New("alerts: invalid options")
	// ErrInvalidAlert means an alert cannot be delivered as it is: its kind
	// is neither "down" nor "up", or it has no URL.
	ErrInvalidAlert = errors.New("alerts: invalid alert")
	// ErrCorruptFeed means an existing Atom feed file could not be read as
	// an Atom feed; the sink leaves it alone rather than overwrite it.
	ErrCorruptFeed = errors.New("alerts: corrupt Atom feed file")
	// ErrNoStartTLS means StartTLS is "always" and the SMTP server does not
	// offer STARTTLS.
	ErrNoStartTLS = errors.New("alerts: SMTP server does not offer STARTTLS")
	// ErrNoAuth means a username is set and the SMTP server does not offer
	// AUTH.
	ErrNoAuth = errors.New("alerts: SMTP server does not offer AUTH")
)

// FieldError is one invalid option. It matches ErrInvalidOptions with
// errors.Is.
type FieldError struct {
	Field   string // the option's name, as in the options struct: "To[1]"
	Problem string // what is wrong with it
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("alerts: option %s: %s", e.Field, e.Problem)
}

// Unwrap lets errors.Is(err, ErrInvalidOptions) match.
func (e *FieldError) Unwrap() error { return ErrInvalidOptions }

// fieldErrors collects FieldErrors while options are validated.
type fieldErrors []error

func (fe *fieldErrors) add(field, format string, args ...any) {
	*fe = append(*fe, &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)})
}

// err is nil when nothing was added, else all problems joined.
func (fe fieldErrors) err() error { return errors.Join(fe...) }

// DeliveryError is a webhook delivery that failed for good: either every
// attempt failed, or the receiver refused the alert (a 4xx other than 429,
// or a 3xx), or the context ended while waiting to retry.
type DeliveryError struct {
	URL       string // the webhook URL, password redacted
	AlertID   int64
	Attempts  int   // attempts made
	Status    int   // last HTTP status received, 0 if no attempt got an answer
	Permanent bool  // the receiver refused the alert: retrying will not help
	Err       error // the last attempt's failure
}

func (e *DeliveryError) Error() string {
	status := "no HTTP status"
	if e.Status != 0 {
		status = fmt.Sprintf("last status %d %s", e.Status, http.StatusText(e.Status))
	}
	what := "gave up"
	if e.Permanent {
		what = "refused"
	}
	return fmt.Sprintf("webhook POST %s: alert %d %s after %d attempt(s), %s: %v",
		e.URL, e.AlertID, what, e.Attempts, status, e.Err)
}

func (e *DeliveryError) Unwrap() error { return e.Err }
