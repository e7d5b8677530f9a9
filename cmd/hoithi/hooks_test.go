package main

import (
	"golang.org/x/crypto/bcrypt"

	"hoithi/quiz/store"
)

// Password hashes at the default cost take more than a second each under the race detector.
func init() { userOptions = append(userOptions, store.WithPasswordCost(bcrypt.MinCost)) }
