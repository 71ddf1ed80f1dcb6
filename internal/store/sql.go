package store

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
