// Package frontend holds the built web app that the server embeds.
package frontend

import "embed"

// Dist is the built app: index.html and its assets.
//
//go:embed all:dist
var Dist embed.FS
