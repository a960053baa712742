#!/usr/bin/env python3
"""GETs one API path N times on one kept-alive connection with a form login's session cookie (series AJ):

    tools/perf/api-get.py <curl-cookie-jar> <count> [path]

Prints the status codes counted and the answer's mean size. Used by api-cost.sh.
"""
import collections
import http.client
import sys


def main():
    cookies = []
    with open(sys.argv[1]) as jar:
        for line in jar:
            fields = line.rstrip('\n').split('\t')
            if len(fields) >= 7 and fields[5] == 'JSESSIONID':
                cookies.append(fields[5] + '=' + fields[6])
    count = int(sys.argv[2])
    path = sys.argv[3] if len(sys.argv) > 3 else '/api/recordings?limit=10'
    connection = http.client.HTTPConnection('127.0.0.1', 8080)
    codes = collections.Counter()
    size = 0
    for _ in range(count):
        connection.request('GET', path, headers={'Cookie': '; '.join(cookies)})
        response = connection.getresponse()
        size += len(response.read())
        codes[response.status] += 1
    print(dict(codes), 'bytes/answer', size // count)


if __name__ == '__main__':
    main()
