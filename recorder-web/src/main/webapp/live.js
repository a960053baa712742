// Live listening on the recording page (docs/live-listen.md): the socket /live/recordings/{id} (same origin; the
// session cookie logs it in) sends a description, then runs of 16-bit little-endian samples per stream, each with
// its position in the stream and when the recorder placed it. Each run becomes an AudioBuffer on one channel of a
// stereo output (the recorded party left, the other party right, as in the recording's file), about 300 ms ahead of
// now so that the server's 100 ms ticks and the network's jitter leave no holes. The streams share one timeline,
// the recorder's placing clock: a stream starts (or starts again after a hole) where that clock puts it, so the two
// parties stay lined up even when one's runs reach the browser a tick later; within a run of a stream, audio
// follows by position. Web Audio resamples 8 or 16 kHz runs to the output's rate itself. The section's data-
// attributes count what arrived and how far apart the two sides are scheduled (for the person and the browser test).
(function () {
    'use strict';
    var section = document.getElementById('live');
    if (!section) {
        return;
    }
    var JITTER_SECONDS = 0.3;
    var HEADER_BYTES = 24;
    var VERSION = 2;
    var listen = document.getElementById('listen');
    var stop = document.getElementById('stop-listening');
    var status = document.getElementById('live-status');
    var CLOSES = {
        1000: 'the recording ended',
        1001: 'the server stopped sending (this browser fell behind, or the server is going down)',
        1006: 'the connection was lost or refused',
        4404: 'there is no such recording',
        4409: 'the recording is not active any more'
    };

    var context = null;
    var socket = null;
    var streams = {};
    var stoppedHere = false;
    // the shared timeline: the context time at which audio the recorder placed at anchorPlaced (seconds) plays
    var anchorTime = null;
    var anchorPlaced = 0;

    function show(state, text) {
        section.dataset.state = state;
        status.textContent = text;
    }

    function count(name, by) {
        section.dataset[name] = String(Number(section.dataset[name]) + by);
    }

    function describe(text) {
        var description = JSON.parse(text);
        streams = {};
        description.streams.forEach(function (stream) {
            streams[stream.index] = {
                channel: stream.side === 'right' ? 1 : 0,
                counter: stream.side === 'right' ? 'framesRight' : 'framesLeft',
                dn: stream.dn,
                baseTime: null,
                basePosition: 0,
                lead: null
            };
        });
        anchorTime = null;
        show('listening', 'Listening: ' + description.streams.map(function (s) {
            return s.side + ' ' + s.dn;
        }).join(', ') + '.');
    }

    function play(data) {
        var header = new DataView(data, 0, HEADER_BYTES);
        var stream = streams[header.getUint8(1)];
        if (header.getUint8(0) !== VERSION || !stream) {
            count('framesUnknown', 1);
            return;
        }
        var rate = header.getUint32(4);
        var position = header.getUint32(8) * 4294967296 + header.getUint32(12);
        var placed = (header.getInt32(16) * 4294967296 + header.getUint32(20)) / 1e6;
        var samples = new DataView(data, HEADER_BYTES);
        var length = Math.floor(samples.byteLength / 2);
        if (length === 0) {
            return;
        }
        var buffer = context.createBuffer(2, length, rate);
        var channel = buffer.getChannelData(stream.channel);
        for (var i = 0; i < length; i++) {
            channel[i] = samples.getInt16(2 * i, true) / 32768;
        }
        var now = context.currentTime;
        var when = stream.baseTime === null ? 0 : stream.baseTime + (position - stream.basePosition) / rate;
        if (stream.baseTime === null || when < now + 0.02) {
            // the stream's first run, or one after a hole too late to fill: where the shared timeline puts it
            if (anchorTime === null || anchorTime + (placed - anchorPlaced) < now + 0.02) {
                // the first audio, or the whole timeline fell behind: restart it a jitter buffer ahead
                anchorTime = now + JITTER_SECONDS;
                anchorPlaced = placed;
                Object.keys(streams).forEach(function (index) {
                    streams[index].baseTime = null;
                });
            }
            stream.baseTime = anchorTime + (placed - anchorPlaced);
            stream.basePosition = position;
            when = stream.baseTime;
        }
        // how far the stream is scheduled from the shared timeline; the two sides' difference is their misalignment
        stream.lead = when - (anchorTime + (placed - anchorPlaced));
        var left = null, right = null;
        Object.keys(streams).forEach(function (index) {
            if (streams[index].lead !== null) {
                if (streams[index].channel === 0) {
                    left = streams[index].lead;
                } else {
                    right = streams[index].lead;
                }
            }
        });
        if (left !== null && right !== null) {
            section.dataset.skewMillis = String(Math.round(1000 * Math.abs(left - right)));
        }
        var source = context.createBufferSource();
        source.buffer = buffer;
        source.connect(context.destination);
        source.start(when);
        count(stream.counter, 1);
        section.dataset.secondsScheduled = (Number(section.dataset.secondsScheduled) + length / rate).toFixed(3);
    }

    function ended(event) {
        var why = stoppedHere ? 'stopped' : (event.reason || CLOSES[event.code] || 'closed');
        section.dataset.closeCode = String(event.code);
        show('ended', 'Ended (' + event.code + '): ' + why + '.');
        listen.disabled = false;
        stop.disabled = true;
        socket = null;
        if (context) {
            context.close();
        }
    }

    listen.addEventListener('click', function () {
        // created in the click, so that the browser lets it play without asking
        context = new AudioContext();
        context.onstatechange = function () {
            section.dataset.contextState = context.state;
        };
        section.dataset.contextState = context.state;
        if (context.state === 'suspended') {
            context.resume();
        }
        var address = new URL('live/recordings/' + section.dataset.recording, window.location.href);
        address.protocol = address.protocol === 'https:' ? 'wss:' : 'ws:';
        stoppedHere = false;
        socket = new WebSocket(address.href);
        socket.binaryType = 'arraybuffer';
        socket.onmessage = function (message) {
            if (typeof message.data === 'string') {
                describe(message.data);
            } else {
                play(message.data);
            }
        };
        socket.onclose = ended;
        window.recorderLive = {context: context, socket: socket};
        listen.disabled = true;
        stop.disabled = false;
        show('connecting', 'Connecting…');
    });

    stop.addEventListener('click', function () {
        if (socket) {
            stoppedHere = true;
            socket.close(1000, 'the listener stopped');
        }
    });
}());
