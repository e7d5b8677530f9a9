package store

// SetPINSource replaces how s draws PINs, so a test can force collisions.
func SetPINSource(s *ContestService, f func() (string, error)) { s.pin = f }
