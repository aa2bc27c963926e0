-- Several nodes on one registry (PostgreSQL or SQLite). Portable SQL, as V1.
--
-- An upload holds its image in 'saving' through a row here, written in the same transaction
-- that took the image and before any byte reaches a store: it names the object the upload
-- writes (a fresh id per attempt), so that recovery finds what a dead node left. The node renews
-- lease_until while it streams; a row whose lease lapsed is claimed by one recovering node (a
-- conditional UPDATE on lease_until), its image returned to failed_status and its object removed.
-- A finished upload deletes its row in the transaction that makes the image active.
CREATE TABLE image_uploads (
    upload_id      VARCHAR(36)  NOT NULL PRIMARY KEY,
    image_id       VARCHAR(36)  NOT NULL,
    store          VARCHAR(64)  NOT NULL,
    object_id      VARCHAR(255) NOT NULL,
    owner          VARCHAR(255),
    -- bytes of the owner's quota held for this upload while it streams
    reserved_bytes BIGINT       NOT NULL,
    -- 'queued' (v2) or 'killed' (v1): where a failed or dead upload leaves its image
    failed_status  VARCHAR(16)  NOT NULL,
    -- 'uploading', or 'ended' once its image no longer waits for it (only its object is left to remove)
    state          VARCHAR(16)  NOT NULL,
    lease_until    BIGINT       NOT NULL
);
CREATE INDEX image_uploads_by_lease ON image_uploads (lease_until);

-- What each owner's images hold (active and deactivated ones) and what its uploads reserved:
-- the owner quota is one conditional UPDATE of this row, so racing uploads of one owner cannot
-- both pass it.
CREATE TABLE owner_usage (
    owner          VARCHAR(255) NOT NULL PRIMARY KEY,
    stored_bytes   BIGINT       NOT NULL,
    reserved_bytes BIGINT       NOT NULL
);
INSERT INTO owner_usage (owner, stored_bytes, reserved_bytes)
    SELECT owner, SUM(size), 0 FROM images
    WHERE owner IS NOT NULL AND size IS NOT NULL AND status IN ('active', 'deactivated')
    GROUP BY owner;

-- Images left 'saving' by a single node of the SQLite-only version had no upload row: queue them.
UPDATE images SET status = 'queued', upload_id = NULL, upload_store = NULL, version = version + 1
    WHERE status = 'saving';

-- The projects a shared image is shared with, and whether they accepted it.
CREATE TABLE image_members (
    image_id   VARCHAR(36)  NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    member     VARCHAR(255) NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (image_id, member)
);
CREATE INDEX image_members_by_member ON image_members (member, status);
CREATE INDEX images_by_owner ON images (owner, created_at, id);
