// The recording page's player: wavesurfer.js draws the peaks the server computed (GET .../waveform, BBC
// audiowaveform's JSON) and plays the WAV through an <audio> element (its MediaElement backend), so the browser
// neither downloads the whole file to decode it nor computes a waveform. Seeking is a click on the waveform; it needs
// HTTP Range on the audio endpoint (without it Chromium reports nothing seekable and a seek goes back to 0).
(function () {
    'use strict';
    var container = document.getElementById('waveform');
    if (!container) {
        return;
    }
    var status = document.getElementById('player-status');
    var play = document.getElementById('play');
    var position = document.getElementById('position');
    var durationText = document.getElementById('duration');

    function say(text) {
        status.textContent = text;
    }

    function clock(seconds) {
        var whole = Math.round(seconds || 0);
        return Math.floor(whole / 60) + ':' + String(whole % 60).padStart(2, '0');
    }

    if (container.dataset.hasAudio !== 'true') {
        say('No audio file (yet): the recording is not assembled, failed, or its audio was deleted.');
        return;
    }

    // audiowaveform's data holds, per pixel, each channel's min then max; wavesurfer wants per channel
    // [max, min, max, min, ...] scaled to -1..1.
    function channels(waveform) {
        var scale = 1 << (waveform.bits - 1);
        var result = [];
        for (var c = 0; c < waveform.channels; c++) {
            var peaks = new Array(waveform.length * 2);
            for (var i = 0; i < waveform.length; i++) {
                var at = (i * waveform.channels + c) * 2;
                peaks[2 * i] = waveform.data[at + 1] / scale;
                peaks[2 * i + 1] = waveform.data[at] / scale;
            }
            result.push(peaks);
        }
        return result;
    }

    fetch(container.dataset.peaks, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
        .then(function (response) {
            if (!response.ok) {
                return response.json().then(function (error) {
                    throw new Error(error.message || response.status);
                });
            }
            return response.json();
        })
        .then(function (waveform) {
            var wavesurfer = WaveSurfer.create({
                container: container,
                backend: 'MediaElement',
                splitChannels: true,
                height: 64,
                waveColor: '#4f7cac',
                progressColor: '#1d2430',
                cursorColor: '#b3261e',
                normalize: false
            });
            window.recorderPlayer = {wavesurfer: wavesurfer, waveform: waveform};
            container.dataset.peaksSeconds = String(waveform.length * waveform.samples_per_pixel / waveform.sample_rate);
            wavesurfer.on('waveform-ready', function () {
                container.dataset.drawn = 'true';
            });
            wavesurfer.on('ready', function () {
                container.dataset.duration = String(wavesurfer.getDuration());
                durationText.textContent = clock(wavesurfer.getDuration());
                play.disabled = false;
                // a browser seeks in a file only when the server answers byte ranges; otherwise (Chromium then
                // reports the seekable range 0 to 0) a click on the waveform goes back to the start, and the person
                // should know why
                var seekable = wavesurfer.backend.media.seekable;
                var canSeek = seekable.length > 0 && seekable.end(seekable.length - 1) > 0;
                container.dataset.seekable = String(canSeek);
                say(canSeek ? '' : 'Seeking is not available: the server does not answer byte ranges for this '
                    + 'audio, so it plays from the start.');
            });
            wavesurfer.on('audioprocess', function (time) {
                position.textContent = clock(time);
            });
            wavesurfer.on('seek', function () {
                position.textContent = clock(wavesurfer.getCurrentTime());
            });
            wavesurfer.on('error', function (error) {
                say('The audio could not be played: ' + error);
            });
            play.addEventListener('click', function () {
                wavesurfer.playPause();
            });
            say('Loading the audio…');
            // no duration given: the player's duration is the audio element's own, read from the WAV
            wavesurfer.load(container.dataset.audio, channels(waveform), 'auto');
        })
        .catch(function (error) {
            say('The waveform could not be loaded: ' + error.message);
        });
}());
