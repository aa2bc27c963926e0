-- The image registry. Portable SQL (SQLite now, PostgreSQL next): no vendor types, no
-- vendor functions; booleans are BOOLEAN, times are epoch milliseconds in BIGINT.
-- Every status change is one conditional UPDATE on (id, status[, upload_id]); version counts
-- every change, so attribute updates are conditional on the version they were computed from.
CREATE TABLE images (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    owner            VARCHAR(255),
    status           VARCHAR(16)  NOT NULL,
    name             VARCHAR(255),
    visibility       VARCHAR(16)  NOT NULL,
    protected        BOOLEAN      NOT NULL,
    os_hidden        BOOLEAN      NOT NULL,
    container_format VARCHAR(32),
    disk_format      VARCHAR(32),
    min_ram          INTEGER      NOT NULL,
    min_disk         INTEGER      NOT NULL,
    size             BIGINT,
    virtual_size     BIGINT,
    checksum         VARCHAR(32),
    os_hash_algo     VARCHAR(64),
    os_hash_value    VARCHAR(128),
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    -- the upload that holds the image in 'saving', and the store it writes to
    upload_id        VARCHAR(36),
    upload_store     VARCHAR(64)
);
CREATE INDEX images_by_created_at ON images (created_at, id);
CREATE INDEX images_by_status ON images (status);

CREATE TABLE image_properties (
    image_id VARCHAR(36)   NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    name     VARCHAR(255)  NOT NULL,
    value    VARCHAR(65535) NOT NULL,
    PRIMARY KEY (image_id, name)
);

CREATE TABLE image_tags (
    image_id VARCHAR(36)  NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    tag      VARCHAR(255) NOT NULL,
    PRIMARY KEY (image_id, tag)
);

CREATE TABLE image_locations (
    image_id VARCHAR(36)   NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    position INTEGER       NOT NULL,
    url      VARCHAR(2048) NOT NULL,
    -- the location metadata as a JSON object
    metadata VARCHAR(65535) NOT NULL,
    PRIMARY KEY (image_id, position)
);
