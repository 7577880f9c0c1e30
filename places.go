package sitrep

// GazetteerEntry is a place a user adds to the gazetteer: from a full
// GeoNames dump, or their own CSV of villages the embedded cities500 index
// lacks. Stores keep them so that every command working on a database
// layers them over the embedded default.
type GazetteerEntry struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Lat     float64  `json:"lat"`
	Lon     float64  `json:"lon"`
	// Country is an ISO2 or ISO3 code or a country name.
	Country string `json:"country"`
	// Admin1 and Admin2 are unit names ("Deir ez-Zor"). When empty, the
	// GeoNames codes Admin1Code and Admin2Code ("07") are used instead.
	Admin1     string `json:"admin1,omitempty"`
	Admin2     string `json:"admin2,omitempty"`
	Admin1Code string `json:"admin1_code,omitempty"`
	Admin2Code string `json:"admin2_code,omitempty"`
	GeonameID  int    `json:"geonameid,omitempty"`
	// Feature is a GeoNames feature code ("PPL", "ADM1"); "" means a
	// populated place.
	Feature    string `json:"feature,omitempty"`
	Population int    `json:"population,omitempty"`
}
