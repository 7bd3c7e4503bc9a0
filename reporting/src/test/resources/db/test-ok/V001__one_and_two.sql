-- first
CREATE TABLE IF NOT EXISTS one (x UInt8) ENGINE = MergeTree() ORDER BY x;

-- second, two statements
CREATE TABLE IF NOT EXISTS two (x UInt8) ENGINE = MergeTree() ORDER BY x;
INSERT INTO two VALUES (1), (2);
