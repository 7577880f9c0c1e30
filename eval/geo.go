package eval

import (
	"math"
	"strings"
	"unicode"

	"github.com/sitrep-dev/sitrep"

	"golang.org/x/text/unicode/norm"
)

// earthRadiusKm is the mean Earth radius used for great-circle distances.
const earthRadiusKm = 6371.0088

// Haversine returns the great-circle distance in kilometres between two
// points given in decimal degrees.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// located reports whether p carries coordinates. A place at exactly 0,0
// is taken as unset: no event in these sets lies in the Gulf of Guinea.
func located(p sitrep.Place) bool { return p.Latitude != 0 || p.Longitude != 0 }

// foldAccents strips combining marks: "Khushām" becomes "Khusham".
func foldAccents(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
