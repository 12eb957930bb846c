-- sightings older than the retention go in batches by capture time (SightingRetention)
CREATE INDEX sighting_captured_at ON sighting (captured_at);
