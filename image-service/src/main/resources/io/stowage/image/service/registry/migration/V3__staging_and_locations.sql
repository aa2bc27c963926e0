-- Interoperable import and the locations API. Portable SQL, as V1.
--
-- A finished stage (glance-direct) keeps its row in image_uploads in state 'staged', its lease
-- never lapsing, with where the staged data is; when the import ends either way, or the image is
-- deleted, the row becomes 'ended' with a lapsed lease and its object is removed (by recovery if
-- the node that ended it dies).
ALTER TABLE image_uploads ADD COLUMN staged_url VARCHAR(2048);
ALTER TABLE image_uploads ADD COLUMN staged_metadata VARCHAR(65535);
ALTER TABLE image_uploads ADD COLUMN staged_size BIGINT;
CREATE INDEX image_uploads_by_image ON image_uploads (image_id, state);

-- When an upload began, and since when it waits for room in its owner's quota: of an owner's
-- uploads refused while they stream, the oldest waits and the others give up, so that what fits
-- is kept rather than nothing.
ALTER TABLE image_uploads ADD COLUMN began_at BIGINT;
ALTER TABLE image_uploads ADD COLUMN waiting_since BIGINT;
CREATE INDEX image_uploads_by_owner ON image_uploads (owner, state, began_at);

-- Locations an admin removed from an image (json-patch): their data is removed after the change
-- commits, and a removal that fails stays here to be retried by every node's recovery pass.
CREATE TABLE removed_locations (
    removal_id VARCHAR(36)    NOT NULL PRIMARY KEY,
    image_id   VARCHAR(36)    NOT NULL,
    url        VARCHAR(2048)  NOT NULL,
    metadata   VARCHAR(65535) NOT NULL,
    removed_at BIGINT         NOT NULL
);
