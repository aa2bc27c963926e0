"""Drives interoperable import with python-glanceclient's v2 Python API (Debian's python3-glanceclient).

Usage: python3 imports.py ENDPOINT TOKEN WEB_URL
WEB_URL is served on loopback and allowed by the service's web-download store.
Prints one JSON document of what it saw; any failed expectation raises (non-zero exit).
"""
import hashlib
import io
import json
import sys

from glanceclient import Client
from glanceclient import exc

from payloads import payload, wait_for


def main():
    endpoint, token, web_url = sys.argv[1], sys.argv[2], sys.argv[3]
    client = Client('2', endpoint=endpoint, token=token)
    report = {'methods': client.images.get_import_info()['import-methods']['value']}

    data = payload(7, 2 * 1024 * 1024 + 7)
    image = client.images.create(name='staged', disk_format='raw', container_format='bare')
    client.images.stage(image.id, io.BytesIO(data))
    report['after_stage'] = client.images.get(image.id).status
    client.images.image_import(image.id, method='glance-direct', backend='fast')
    imported = wait_for(client, image.id, 'active')
    assert imported.checksum == hashlib.md5(data).hexdigest(), imported.checksum
    assert imported.os_hash_value == hashlib.sha512(data).hexdigest(), imported.os_hash_value
    assert b''.join(client.images.data(image.id)) == data, 'glance-direct bytes differ'
    report['glance_direct'] = {'status': imported.status, 'stores': imported.stores}

    web = client.images.create(name='web', disk_format='qcow2', container_format='bare')
    client.images.image_import(web.id, method='web-download', uri=web_url)
    downloaded = wait_for(client, web.id, 'active')
    report['web_download'] = {'status': downloaded.status, 'size': downloaded.size}

    refused = client.images.create(name='refused', disk_format='raw', container_format='bare')
    try:
        client.images.image_import(refused.id, method='web-download', uri='http://169.254.169.254/latest/meta-data/')
        report['metadata_address'] = 'accepted'
    except exc.HTTPBadRequest:
        report['metadata_address'] = 'refused'
    report['refused_status'] = client.images.get(refused.id).status

    print(json.dumps(report, sort_keys=True))


if __name__ == '__main__':
    main()
