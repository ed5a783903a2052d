-- Model artifacts (ONNX bytes) by model and version, with the SHA-256 and RSA-PSS signature recorded when the
-- version was registered; every loader checks both before use. Datasets uploaded for training and validation.
CREATE TABLE IF NOT EXISTS model_artifact (
    model       text NOT NULL,
    version     integer NOT NULL,
    onnx        bytea NOT NULL,
    sha256      text NOT NULL,
    signature   bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, version)
);

CREATE TABLE IF NOT EXISTS ml_dataset (
    name        text PRIMARY KEY,
    csv         bytea NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
