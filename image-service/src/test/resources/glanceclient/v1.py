"""Drives the seed's v1 protocol with python-glanceclient's v1 Python API (Debian's python3-glanceclient).

Usage: python3 v1.py ENDPOINT TOKEN
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
    client = Client('1', endpoint=endpoint, token=token)
    report = {}

    data = payload(11, 1024 * 1024 + 11)
    image = client.images.create(name='v1-image', disk_format='raw', container_format='bare', is_public=False,
                                 min_ram=128, properties={'os_distro': 'debian', 'description': 'D\u00e9bian 12'},
                                 data=io.BytesIO(data))
    report['created'] = {'status': image.status, 'size': image.size, 'checksum_ok': image.checksum == hashlib.md5(data).hexdigest()}

    shown = client.images.get(image.id)
    report['shown'] = {'name': shown.name, 'status': shown.status, 'min_ram': shown.min_ram, 'is_public': shown.is_public,
                       'properties': shown.properties}
    # data() checks the download against x-image-meta-checksum itself
    report['downloaded_ok'] = b''.join(client.images.data(image.id)) == data

    client.images.update(image.id, name='v1-renamed', properties={'architecture': 'x86_64'})
    report['updated'] = client.images.get(image.id).properties

    reserved = client.images.create(name='v1-reserved', disk_format='qcow2', container_format='bare')
    report['reserved'] = reserved.status
    client.images.update(reserved.id, data=io.BytesIO(payload(12, 5000)))
    report['uploaded_later'] = client.images.get(reserved.id).status

    report['listed'] = sorted(one.name for one in client.images.list())

    for one in list(client.images.list()):
        client.images.delete(one.id)
    try:
        client.images.get(image.id)
        report['after_delete'] = 'still there'
    except exc.HTTPNotFound:
        report['after_delete'] = 'not found'

    print(json.dumps(report, sort_keys=True))


if __name__ == '__main__':
    main()
