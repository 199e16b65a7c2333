import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { StorableInputPipe } from './storable-input.pipe.js';

/** Registers the storable-text check for every route of the HTTP application. */
@Module({ providers: [{ provide: APP_PIPE, useClass: StorableInputPipe }] })
export class HttpValidationModule {}
