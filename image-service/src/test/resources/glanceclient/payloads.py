"""Helpers the glanceclient scripts share."""
import hashlib
import time


def payload(seed, size):
    """Deterministic bytes: SHA-512 blocks of a counter."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha512(b"%d-%d" % (seed, counter)).digest()
        counter += 1
    return bytes(out[:size])


def wait_for(client, image_id, status, seconds=60):
    """Polls the image until it has `status`; raises after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        image = client.images.get(image_id)
        if image.status == status:
            return image
        time.sleep(0.05)
    raise AssertionError('image %s is %s, not %s' % (image_id, client.images.get(image_id).status, status))
