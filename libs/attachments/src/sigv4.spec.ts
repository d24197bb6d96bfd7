import { createHash } from 'node:crypto';
import { amzDate, EMPTY_PAYLOAD_SHA256, signV4, uriEncode } from './sigv4';

/**
 * AWS's published examples: the Signature Version 4 test suite (credentials `AKIDEXAMPLE`, service
 * `service`, 2015-08-30T12:36:00Z) and the S3 documentation's GET Object example (a Range header and
 * `x-amz-content-sha256`, 2013-05-24).
 */
const suite = {
  region: 'us-east-1',
  service: 'service',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  date: new Date(Date.UTC(2015, 7, 30, 12, 36, 0)),
};
const scope = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

describe('AWS Signature Version 4', () => {
  it.each([
    {
      name: 'get-vanilla',
      method: 'GET',
      url: 'https://example.amazonaws.com/',
      want: `${scope}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
    },
    {
      name: 'get-vanilla-query-order-key-case',
      method: 'GET',
      url: 'https://example.amazonaws.com/?Param2=value2&Param1=value1',
      want: `${scope}, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`,
    },
    {
      name: 'post-vanilla',
      method: 'POST',
      url: 'https://example.amazonaws.com/',
      want: `${scope}, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b`,
    },
  ])('matches the test suite: $name', ({ method, url, want }) => {
    const headers = signV4({
      ...suite,
      method,
      url: new URL(url),
      headers: {},
      payloadSha256: EMPTY_PAYLOAD_SHA256,
    });
    expect(headers.authorization).toBe(want);
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers.host).toBe('example.amazonaws.com');
  });

  it("matches the S3 documentation's GET Object example", () => {
    const headers = signV4({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_PAYLOAD_SHA256 },
      payloadSha256: EMPTY_PAYLOAD_SHA256,
      region: 'us-east-1',
      service: 's3',
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      date: new Date(Date.UTC(2013, 4, 24, 0, 0, 0)),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('encodes as RFC 3986 wants, and formats the date', () => {
    expect(uriEncode("a b/c!'()*~")).toBe('a%20b%2Fc%21%27%28%29%2A~');
    expect(uriEncode('a b/c', true)).toBe('a%20b/c');
    expect(amzDate(new Date(Date.UTC(2026, 10, 30, 2, 3, 4, 567)))).toBe('20261130T020304Z');
    expect(EMPTY_PAYLOAD_SHA256).toBe(createHash('sha256').digest('hex'));
  });
});
