"""Drives the image service with python-glanceclient's v2 Python API (Debian's python3-glanceclient).

Usage: python3 roundtrip.py ENDPOINT TOKEN
Prints one JSON document of what it saw; any failed expectation raises (non-zero exit).
"""
import hashlib
import io
import json
import sys

from glanceclient import Client
from glanceclient import exc

from payloads import payload


def main():
    endpoint, token = sys.argv[1], sys.argv[2]
    client = Client('2', endpoint=endpoint, token=token)
    report = {}

    report['stores'] = sorted(store['id'] for store in client.images.get_stores_info()['stores'])

    uploaded = {}
    for seed, store in enumerate(['local', 'fast']):
        data = payload(seed, 3 * 1024 * 1024 + seed)
        image = client.images.create(name='img-' + store, disk_format='raw', container_format='bare', os_distro='debian')
        assert image.status == 'queued', image.status
        client.images.upload(image.id, io.BytesIO(data), backend=store)
        shown = client.images.get(image.id)
        assert shown.status == 'active', shown.status
        assert shown.stores == store, shown.stores
        assert shown.size == len(data), shown.size
        assert shown.checksum == hashlib.md5(data).hexdigest(), shown.checksum
        assert shown.os_hash_algo == 'sha512', shown.os_hash_algo
        assert shown.os_hash_value == hashlib.sha512(data).hexdigest(), shown.os_hash_value
        # data() verifies the download against os_hash_value itself
        downloaded = b''.join(client.images.data(image.id))
        assert downloaded == data, 'downloaded bytes differ'
        uploaded[store] = image.id
    report['uploaded'] = sorted(uploaded)

    for index in range(5):
        client.images.create(name='page-%d' % index, disk_format='qcow2', container_format='bare')
    names = [image.name for image in client.images.list(page_size=2, sort_key='name', sort_dir='asc')]
    report['listed'] = names
    report['limited'] = len(list(client.images.list(page_size=2, limit=3)))
    report['filtered'] = sorted(image.name for image in client.images.list(filters={'disk_format': 'raw'}))

    image_id = uploaded['local']
    client.images.update(image_id, name='renamed', architecture='x86_64')
    client.images.update(image_id, remove_props=['os_distro'])
    client.image_tags.update(image_id, 'blue')
    patched = client.images.get(image_id)
    report['patched'] = {'name': patched.name, 'architecture': patched.get('architecture'),
                         'os_distro': patched.get('os_distro'), 'tags': patched.tags}

    client.images.deactivate(image_id)
    report['deactivated'] = client.images.get(image_id).status
    client.images.reactivate(image_id)
    report['reactivated'] = client.images.get(image_id).status

    for image in list(client.images.list()):
        client.images.delete(image.id)
    try:
        client.images.get(image_id)
        report['after_delete'] = 'still there'
    except exc.HTTPNotFound:
        report['after_delete'] = 'not found'
    report['remaining'] = len(list(client.images.list()))

    print(json.dumps(report, sort_keys=True))


if __name__ == '__main__':
    main()
