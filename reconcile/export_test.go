package reconcile

// Signature is the fingerprint of the format before sketches, for
// building a database as it was written then.
var Signature = signature
